"""The hidden-state × door matrix of issue 14 (tests/core/test_hidden_matrix.py).

``world`` builds the content the cells hide, once per module; ``states`` are
the ways of hiding it; ``doors`` are the ways a reader could still reach it.
"""
