"""The dataset: the build (plans -> JSON, YAML and a manifest), its engines, storage and tables."""
