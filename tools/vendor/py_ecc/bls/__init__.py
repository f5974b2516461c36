# Vendored subset (see ../__init__.py): hash, hash_to_curve, point_compression, constants, typing.
