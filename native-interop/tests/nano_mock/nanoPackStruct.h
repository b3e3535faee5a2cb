// Stand-in: struct packing helpers are not needed for the host glue test.
