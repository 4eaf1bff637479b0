"""Chinese-text helpers that several stages share.

- `numerals`: `cn_to_int`, Chinese numerals to integers;
- `segment`: jieba tokenizers, the domain dictionary and the full one (loads jieba on first use);
- `places`: the GB/T 2260 gazetteer, `PlaceFinder`, `jurisdiction_of`, `resolve`;
- `alternation`: word alternations grouped by first character, for fast searches.

Guarantees: pure functions over text and the shipped lexicons, cached after the first call.
May import `models` and `errors`; never a stage (read, structure, extract, diff, dataset, cli).
Nothing is imported here: `segment` must stay unloaded for commands that do not segment.
"""
