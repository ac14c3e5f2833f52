"""Performance benchmark of Alliance Atlas: `make bench` writes bench/results.md."""
