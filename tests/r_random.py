"""R's `set.seed(n); rnorm(k)`, so the reference package's tests can be ported with their data.

R's default generator is the Mersenne Twister, seeded by scrambling the seed with a linear
congruential generator (RNG.c, `RNG_Init`), and its normal variates come by inversion
(snorm.c, `INVERSION`): two uniforms make one 2^-27-fine uniform, turned into a normal by
Wichura's AS 241, which is also what `statistics.NormalDist.inv_cdf` uses.
"""

from __future__ import annotations

import random
from statistics import NormalDist

_MASK = 0xFFFFFFFF
_BIG = 134217728  # 2^27
_STANDARD = NormalDist()


class RRandom:
    def __init__(self, seed: int):
        value = seed & _MASK
        for _ in range(50):
            value = (69069 * value + 1) & _MASK
        state = []
        for _ in range(625):
            value = (69069 * value + 1) & _MASK
            state.append(value)
        # state[0] is R's position slot, reset to 624 (regenerate before the first draw)
        self._twister = random.Random()
        self._twister.setstate((3, tuple(state[1:]) + (624,), None))

    def _uniform(self) -> float:
        value = self._twister.getrandbits(32) * 2.3283064365386963e-10
        if value <= 0.0:
            return 0.5 * 2.328306437080797e-10
        if 1.0 - value <= 0.0:
            return 1.0 - 0.5 * 2.328306437080797e-10
        return value

    def rnorm(self, n: int, mean: float = 0.0) -> list[float]:
        out = []
        for _ in range(n):
            u = self._uniform()
            u = int(_BIG * u) + self._uniform()
            out.append(mean + _STANDARD.inv_cdf(u / _BIG))
        return out
