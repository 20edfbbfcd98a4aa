"""Near-duplicate bodies: word shingles, MinHash signatures and LSH band keys (datasketch).

A body becomes the set of its ``SHINGLE_WORDS``-word shingles (words case-folded, punctuation
dropped, as ``newscrawl.extract.text.comparison_key`` compares text; a character of a script
written without spaces, Chinese or Japanese, counts as a word), summarised by a ``MinHash`` of
``num_perm`` 32-bit values.  Two signatures agree on about as many values as the shingle sets
share (their Jaccard similarity).  ``Banding`` cuts a signature into ``b`` bands of ``r`` values,
as datasketch's ``MinHashLSH`` chooses them for a threshold: bodies whose similarity passes the
threshold very likely share at least one band key, and unrelated ones very likely none, so band
keys find the candidates and the signatures then confirm them.

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
from datasketch import LeanMinHash, MinHash, MinHashLSH

#: Words in a shingle: long enough that unrelated articles in one language share almost none
#: (measured on tests/corpus/dev: ``bench/story_threshold.py``), short enough that one changed
#: sentence costs only the shingles it touches.
SHINGLE_WORDS = 5
#: Words of a body compared: far more than any article has, and a bound on the time and memory a
#: hostile page (a 16 MB body of single letters) can cost.
MAX_WORDS = 50_000
#: Shingles hashed into the signature at a time: datasketch holds a shingles x num_perm matrix.
BATCH = 4096
#: datasketch's seed and scheme for every signature: signatures are stored across runs, so both are fixed.
SEED, SCHEME = 1, "affine32"
_MULTIPLIER = np.uint64(0x100000001B3)  # FNV-1a's 64-bit prime: spreads each word over the window's hash
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


@lru_cache(maxsize=4)  # drawing them takes longer than hashing an article
def permutations(num_perm: int) -> np.ndarray:
    """datasketch's permutations for ``SEED``: the same in every process and run."""
    return MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations


def signature(text: str | None, num_perm: int) -> np.ndarray:
    """The MinHash signature of a text's shingles: ``num_perm`` uint32 values."""
    minhash = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME, hashfunc=int,  # shingles come hashed
                      permutations=permutations(num_perm))
    hashed = shingles(text).tolist()
    for start in range(0, len(hashed), BATCH):
        minhash.update_batch(hashed[start:start + BATCH])
    return minhash.hashvalues


#: Every value of the signature of a text without words.
EMPTY = np.iinfo(np.uint32).max


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
    """The estimated Jaccard similarity of the shingle sets behind two signatures (datasketch's
    estimator: the share of equal values).

    >>> similarity(np.array([1, 2, 3, 4], np.uint32), np.array([1, 2, 0, 4], np.uint32))
    0.75
    """
    return LeanMinHash(seed=SEED, hashvalues=first, scheme=SCHEME).jaccard(
        LeanMinHash(seed=SEED, hashvalues=second, scheme=SCHEME))


@lru_cache(maxsize=8)  # datasketch integrates the error curves of every (b, r): once per setting
def band_shape(threshold: float, num_perm: int) -> tuple[int, int]:
    """``(b, r)``: bands and rows a band that datasketch's ``MinHashLSH`` picks for this threshold
    (equal weights on false positives and negatives).

    >>> band_shape(0.5, 128)
    (25, 5)
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


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
