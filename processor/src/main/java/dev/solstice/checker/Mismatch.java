package dev.solstice.checker;

/**
 * Why a shape does not match a spec, for one argument (or receiver, returned value, operand).
 *
 * @param definite true for a certain conflict (an error), false for what could not be proven (a
 *     warning under {@code -Ashape.strict})
 * @param reason where and what: {@code "axis 1: expected 1, found 2"}, {@code "expected 2 axes,
 *     found 3"}
 * @param bound the dims bound when the problem was found, as {@code "batch=1000 (bound by x)"},
 *     or {@code "none"}
 */
record Mismatch(boolean definite, String reason, String bound) {}
