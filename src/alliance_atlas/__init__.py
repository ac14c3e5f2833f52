"""Alliance Atlas: a sourced history of the CSTO, NATO and the Warsaw Pact."""
