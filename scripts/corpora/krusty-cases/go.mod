module gitopshq/scripts/corpora/krusty-cases

go 1.19
