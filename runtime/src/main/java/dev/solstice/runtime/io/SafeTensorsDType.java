package dev.solstice.runtime.io;

import dev.solstice.runtime.DType;

/**
 * The element types of the safetensors format, in the format's own order (increasing alignment;
 * writers sort tensors by this order, descending). Names are the strings used in the header.
 */
enum SafeTensorsDType {
  BOOL(8),
  F4(4),
  F6_E2M3(6),
  F6_E3M2(6),
  U8(8),
  I8(8),
  F8_E5M2(8),
  F8_E4M3(8),
  F8_E8M0(8),
  F8_E4M3FNUZ(8),
  F8_E5M2FNUZ(8),
  I16(16),
  U16(16),
  F16(16),
  BF16(16),
  I32(32),
  U32(32),
  F32(32),
  C64(64),
  F64(64),
  I64(64),
  U64(64);

  private final int bits;

  SafeTensorsDType(int bits) {
    this.bits = bits;
  }

  /** Bits per element; some float formats are narrower than a byte. */
  int bits() {
    return bits;
  }

  /** Bytes per element, for the types Solstice reads (all of whole bytes). */
  int bytes() {
    return bits / 8;
  }

  /** The dtype of the Solstice tensor this type loads as, or null when Solstice does not load it. */
  DType target() {
    return switch (this) {
      case F32, F64, F16, BF16 -> DType.FLOAT32;
      case I32, I64, I16, I8, U8, U16, U32, U64 -> DType.INT32;
      case BOOL -> DType.BOOL;
      default -> null;
    };
  }

  /** The type named {@code name} in a header, or null when the format has no such type. */
  static SafeTensorsDType byName(String name) {
    for (SafeTensorsDType type : values()) {
      if (type.name().equals(name)) {
        return type;
      }
    }
    return null;
  }
}
