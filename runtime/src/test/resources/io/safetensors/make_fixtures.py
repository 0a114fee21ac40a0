"""Writes the safetensors fixtures of SafeTensorsInteropTest with Python's reference library.

Run with the oracle (safetensors 0.8.0, numpy, ml_dtypes) from this directory:
    /work/oracle/bin/python make_fixtures.py
The tests only read the files written here; they never run Python.
"""
import ml_dtypes
import numpy as np
from safetensors.numpy import save_file

f32 = np.float32

save_file(
    {
        "weight": (np.arange(6, dtype=f32).reshape(2, 3) * f32(0.25) - f32(0.5)),
        "scalar": np.array(3.5, dtype=f32),
        "empty": np.zeros((0, 4), dtype=f32),
    },
    "f32.safetensors",
    metadata={"format": "np", "note": "\u00e9t\u00e9 \"quoted\""},
)
save_file(
    {
        "labels": np.array([0, -1, 2**31 - 1, -(2**31)], dtype=np.int32),
        "grid": np.arange(12, dtype=np.int32).reshape(3, 4),
    },
    "i32.safetensors",
)
f64_values = np.array([0.1, -1e-3, 1e30, 1e-50, np.inf, -np.inf, 3.4028235e38], dtype=np.float64)
save_file({"values": f64_values, "expected": f64_values.astype(f32)}, "f64.safetensors")
save_file({"values": np.array([1.0, 1e300], dtype=np.float64)}, "f64_overflow.safetensors")

half_bits = np.array(
    [0x0000, 0x8000, 0x3C00, 0xBC00, 0x0001, 0x03FF, 0x0400, 0x7BFF, 0x7C00, 0xFC00, 0x7E00, 0x7C01, 0x3555, 0xC248],
    dtype=np.uint16,
)
halves = half_bits.view(np.float16)
save_file({"values": halves, "expected": halves.astype(f32)}, "f16.safetensors")

bf16 = np.array([0.0, -0.0, 1.0, -2.5, 1e-40, 3e38, np.inf, -np.inf, np.nan, 0.1], dtype=f32).astype(ml_dtypes.bfloat16)
save_file({"values": bf16, "expected": bf16.astype(f32)}, "bf16.safetensors")

save_file({"values": np.array([[0, -5], [2**31 - 1, -(2**31)]], dtype=np.int64)}, "i64.safetensors")
save_file({"values": np.array([1, 2**40], dtype=np.int64)}, "i64_overflow.safetensors")
save_file(
    {
        "u8": np.array([0, 7, 255], dtype=np.uint8),
        "i8": np.array([-128, 0, 127], dtype=np.int8),
        "i16": np.array([-32768, 1, 32767], dtype=np.int16),
        "u16": np.array([0, 65535], dtype=np.uint16),
        "u32": np.array([0, 2**31 - 1], dtype=np.uint32),
        "u64": np.array([3, 2**31 - 1], dtype=np.uint64),
    },
    "small_ints.safetensors",
)
save_file({"mask": np.array([True, False])}, "bool.safetensors")

# Byte-for-byte reference for SafeTensorsWriter: the Java test builds the same tensors.
# One metadata entry only: the reference writer orders several entries by a Rust HashMap.
save_file(
    {
        "b.weight": np.arange(6, dtype=f32).reshape(3, 2) / f32(8),
        "a.bias": np.array([-1.0, 0.5, 2.0], dtype=f32),
        "labels": np.array([3, 1, 4, 1, 5], dtype=np.int32),
        "z": np.array(2.5, dtype=f32),
        "empty": np.zeros((0, 3), dtype=f32),
        "\u00fcn\u00ef": np.array([1.0, -1.0], dtype=f32),
        "we\"ird\\name\n\x01": np.array([7], dtype=np.int32),
        "mask": np.array([[True, False, True]]),
    },
    "python_written.safetensors",
    metadata={"epochs": "3"},
)
