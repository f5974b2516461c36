# Vendored subset of py_ecc 9.0.0-beta.1 (https://github.com/ethereum/py_ecc, commit b24faa3, MIT
# licence: LICENSE in this folder): the BLS12-381 fields, curve, pairing, hash-to-curve and point
# compression, unchanged except for this file and bls/__init__.py, which import nothing (the
# originals import modules left out: bn128, secp256k1, the unoptimised curve, the ciphersuites).
# Used by tools/verify_draw.py to check drand signatures with the Python standard library only.
import sys as _sys

_sys.setrecursionlimit(max(100000, _sys.getrecursionlimit()))
