"""Many plans -> files: `build` (a raw directory -> JSON + YAML per plan + manifest.json),
`write` (the plans named on a command line -> the same JSON and YAML, or a stream: `parse`),
`export` (plans -> CSV/XLSX tables), `parquet` (the dataset as Parquet partitioned by province),
`dask_build` (the build on a Dask cluster) and `storage` (local directories and fsspec URLs).

Guarantees: every byte written is a function of the inputs, their relative names and the tool
and schema versions; nothing depends on `--jobs`, on the engine or on order. May import the
pipeline and every stage below it; never diff or cli. Dask, fsspec and pyarrow are imported only
by `dask_build`, `storage` and `parquet`, and only when a build asks for them.
"""
