"""The hidden-state × door matrix of issue 14 (tests/core/test_hidden_matrix.py).

- ``world``: what the matrix hides, its markers and where they are;
  ``building``: the world built once for the module;
- ``states``: the ways of hiding it (``drafts``: the drafts a cell makes);
- ``doors``, ``relations``, ``media``: the ways a reader could still reach
  it; ``reading``: what a door gives a reader, and how a cell checks it.
"""
