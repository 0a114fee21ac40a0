package dev.solstice.runtime;

/**
 * Whether the tensors over an array whose memory the runtime reuses may still read it. Every
 * tensor made over such an array (and every view of it) holds the array's lease; once the array
 * has gone to other values the lease is released and reading any of those tensors throws, saying
 * {@link #why()}.
 */
final class Lease {
  private volatile String why;
  private volatile boolean released;

  /** @param why how the array comes to be reused, for the message of a refused read */
  Lease(String why) {
    this.why = why;
  }

  boolean released() {
    return released;
  }

  void release() {
    released = true;
  }

  /** Releases it for another reason than the one it was made with. */
  void release(String reason) {
    why = reason;
    released = true;
  }

  String why() {
    return why;
  }
}
