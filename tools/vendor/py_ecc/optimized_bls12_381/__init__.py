from py_ecc.fields import (
    optimized_bls12_381_FQ as FQ,
    optimized_bls12_381_FQ2 as FQ2,
    optimized_bls12_381_FQ12 as FQ12,
    optimized_bls12_381_FQP as FQP,
)

from .optimized_clear_cofactor import (
    multiply_clear_cofactor_G1,
    multiply_clear_cofactor_G2,
)
from .optimized_curve import (
    G1,
    G2,
    G12,
    Z1,
    Z2,
    add,
    b,
    b2,
    b12,
    curve_order,
    double,
    eq,
    field_modulus,
    is_inf,
    is_on_curve,
    multiply,
    neg,
    normalize,
    twist,
)
from .optimized_pairing import (
    final_exponentiate,
    pairing,
)
from .optimized_swu import (
    iso_map_G1,
    iso_map_G2,
    optimized_swu_G1,
    optimized_swu_G2,
)
