"""Near-duplicate bodies: word shingles, MinHash signatures and LSH band keys.

A body becomes the set of its ``SHINGLE_WORDS``-word shingles (words case-folded, punctuation
dropped, as ``newscrawl.extract.text.comparison_key`` compares text; a character of a script
written without spaces, Chinese or Japanese, counts as a word), summarised by a ``MinHash`` of
``num_perm`` 32-bit values.  Two signatures agree on about as many values as the shingle sets
share (their Jaccard similarity).  ``Banding`` cuts a signature into ``b`` bands of ``r`` values,
as datasketch's ``MinHashLSH`` chooses them for a threshold (fewest false positives plus false
negatives): bodies whose similarity passes the threshold very likely share at least one band key,
and unrelated ones very likely none, so band keys find the candidates and the signatures then
confirm them.

Written here with numpy, not taken from datasketch: importing datasketch loads scipy (for the
band shape's two integrals), some 50 MB and half a second in every crawl process for a dozen lines
of arithmetic (``bench/crawl_speed.py``).  ``tests/test_stories.py`` checks the estimates and the
band shapes against datasketch's, which stays a test dependency.

``newscrawl.output.stories`` gives every exported record its story from these.
"""
from __future__ import annotations

import hashlib
import itertools
import re
import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

#: Words in a shingle: long enough that unrelated articles in one language share almost none
#: (measured on tests/corpus/dev: ``bench/story_threshold.py``), short enough that one changed
#: sentence costs only the shingles it touches.
SHINGLE_WORDS = 5
#: Words of a body compared: far more than any article has, and a bound on the time and memory a
#: hostile page (a 16 MB body of single letters) can cost.
MAX_WORDS = 50_000
#: Shingles hashed into the signature at a time: a num_perm x shingles matrix of 8-byte values (4 MB).
BATCH = 4096
#: The seed of the signature's hash functions: signatures are stored across runs, so it is fixed.
SEED = 1
_MULTIPLIER = np.uint64(0x100000001B3)  # FNV-1a's 64-bit prime: spreads each word over the window's hash
#: Every value of the signature of a text without words.
EMPTY = np.iinfo(np.uint32).max
_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]|[^\W_]+")


def words(text: str | None) -> list[str]:
    """The words two copies of a text share: case-folded, without punctuation; a character of a
    script written without spaces is a word of its own.  (Bodies are already NFC with single
    spaces: ``newscrawl.extract.text``.)  At most the first ``MAX_WORDS``.

    >>> words("Its newest telescope, said on Monday.")
    ['its', 'newest', 'telescope', 'said', 'on', 'monday']
    >>> words("東京で地震")
    ['東', '京', 'で', '地', '震']
    """
    return [match.group().casefold() for match in itertools.islice(_WORD.finditer(text or ""), MAX_WORDS)]


def shingles(text: str | None, size: int = SHINGLE_WORDS) -> np.ndarray:
    """The ``size``-word shingles of a text (one shingle of all its words when it has fewer), each
    as a 32-bit hash: its words' CRC-32s combined in order.  Sorted, without repeats.

    >>> len(shingles("A b c d", size=3)), len(shingles("a B, c... d", size=3))
    (2, 2)
    >>> (shingles("A b c d", size=3) == shingles("a B, c... d", size=3)).all()
    np.True_
    >>> len(shingles("Too short", size=3)), len(shingles(""))
    (1, 0)
    """
    tokens = words(text)
    if not tokens:
        return np.zeros(0, dtype=np.uint32)
    codes = {word: zlib.crc32(word.encode("utf-8")) for word in set(tokens)}
    ids = np.array(list(map(codes.__getitem__, tokens)), dtype=np.uint64)
    windows = max(1, len(ids) - size + 1)
    combined = np.zeros(windows, dtype=np.uint64)
    for offset in range(min(size, len(ids))):  # a polynomial hash of each window, wrapping at 2**64
        combined = combined * _MULTIPLIER + ids[offset:offset + windows]
    return np.unique(((combined >> np.uint64(32)) ^ combined).astype(np.uint32))


@lru_cache(maxsize=4)
def hash_functions(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """``(a, b)``: ``num_perm`` multiply-shift hash functions of 32-bit values, ``x -> (a x + b) >> 32``
    in 64-bit arithmetic with ``a`` odd (Dietzfelbinger's universal family), drawn from ``SEED``: the
    same in every process and run."""
    generator = np.random.default_rng(SEED)
    a = generator.integers(0, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = generator.integers(0, 2**64 - 1, size=num_perm, dtype=np.uint64, endpoint=True)
    return a, b


def signature(text: str | None, num_perm: int) -> np.ndarray:
    """The MinHash signature of a text's shingles: ``num_perm`` uint32 values, each the least value of
    one hash function over the shingles (``EMPTY`` everywhere for a text without words).

    >>> first, second = signature("one two three four five six", 4), signature("One two three four five six.", 4)
    >>> (first == second).all(), first.dtype.name, len(signature("", 4)), int(signature("", 4)[0]) == EMPTY
    (np.True_, 'uint32', 4, True)
    """
    a, b = hash_functions(num_perm)
    values = np.full(num_perm, EMPTY, dtype=np.uint32)
    hashed = shingles(text).astype(np.uint64)
    for start in range(0, len(hashed), BATCH):
        batch = np.multiply.outer(a, hashed[start:start + BATCH])  # wraps at 2**64: the scheme's modulus
        batch += b[:, None]
        values = np.minimum(values, (batch.min(axis=1) >> np.uint64(32)).astype(np.uint32))
    return values




def to_bytes(values: np.ndarray) -> bytes:
    """A signature as stored: 4 bytes a value, little-endian (512 bytes for 128 permutations)."""
    return values.astype("<u4").tobytes()


def from_bytes(raw: bytes, num_perm: int) -> np.ndarray:
    """The signature stored as ``raw``; ``ValueError`` when it is not one of ``num_perm`` values.

    >>> from_bytes(to_bytes(np.arange(3, dtype=np.uint32)), 3).tolist()
    [0, 1, 2]
    >>> from_bytes(b"garbage", 3)
    Traceback (most recent call last):
    ValueError: stored signature has 7 bytes, expected 12
    """
    if not isinstance(raw, bytes | bytearray | memoryview) or len(raw) != 4 * num_perm:
        size = len(raw) if isinstance(raw, bytes | bytearray | memoryview) else type(raw).__name__
        raise ValueError(f"stored signature has {size} bytes, expected {4 * num_perm}")
    return np.frombuffer(bytes(raw), dtype="<u4").astype(np.uint32)


def similarity(first: np.ndarray, second: np.ndarray) -> float:
    """The estimated Jaccard similarity of the shingle sets behind two signatures: the share of
    equal values.

    >>> similarity(np.array([1, 2, 3, 4], np.uint32), np.array([1, 2, 0, 4], np.uint32))
    0.75
    """
    return float(np.count_nonzero(first == second)) / len(first)


#: Points of the similarity axis each error integral of ``band_shape`` is summed over.
_GRID = 1001


@lru_cache(maxsize=8)  # a few thousand (b, r) pairs integrated: once per setting
def band_shape(threshold: float, num_perm: int) -> tuple[int, int]:
    """``(b, r)`` with ``b * r <= num_perm``: bands, and rows a band, whose chance of a false
    positive (a pair less similar than ``threshold`` sharing a band) plus that of a false negative
    (a pair at least as similar sharing none), each integrated over the similarity, is least, with
    equal weights: as datasketch's ``MinHashLSH`` picks them.

    >>> band_shape(0.5, 128)
    (25, 5)
    """
    pairs = np.array([(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)], dtype=float)
    bands, rows = pairs[:, :1], pairs[:, 1:]
    below, above = np.linspace(0.0, threshold, _GRID), np.linspace(threshold, 1.0, _GRID)
    shares_a_band = 1 - (1 - below ** rows) ** bands  # a pair of similarity s shares a band
    shares_none = (1 - above ** rows) ** bands
    error = np.trapezoid(shares_a_band, below, axis=1) + np.trapezoid(shares_none, above, axis=1)
    best = int(np.argmin(error))  # the first of equal errors: fewest bands
    return int(pairs[best, 0]), int(pairs[best, 1])


@dataclass(frozen=True)
class Banding:
    bands: int
    rows: int

    @classmethod
    def for_threshold(cls, threshold: float, num_perm: int) -> Banding:
        return cls(*band_shape(threshold, num_perm))

    def keys(self, values: np.ndarray) -> list[int]:
        """One signed 64-bit key per band: the band's number and values, hashed (SQLite's INTEGER).

        >>> first, second = (Banding(2, 2).keys(np.array(v, np.uint32)) for v in ([1, 2, 3, 4], [1, 2, 3, 5]))
        >>> first[0] == second[0], first[1] == second[1]
        (True, False)
        """
        raw = values.astype("<u4")
        return [struct.unpack("<q", hashlib.blake2b(struct.pack("<H", band) + raw[band * self.rows:(band + 1)
                                                                                  * self.rows].tobytes(),
                                                    digest_size=8).digest())[0]
                for band in range(self.bands)]


def short_id(canonical_url: str) -> str:
    """A story's id: 16 hex digits derived from the canonical URL of its first article.

    >>> short_id("https://example.com/a")
    'f24a9deb5f47e5a4'
    """
    return hashlib.blake2b(canonical_url.encode("utf-8"), digest_size=8).hexdigest()
