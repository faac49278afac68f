/**
 * The simulator jar's entry point: {@code SimMain} dispatches its commands (start a node, build a
 * distribution, seed a repository, fingerprint it, dump and restore the embedded database) to the
 * packages that do them. Nothing depends on this package, so the root package (flags, errors, JSON)
 * stays a foundation every other package may use without a cycle.
 */
package dev.drover.acssim.main;
