package dev.drover.transport;

/** A finished command: exit code (-1 when none was reported) and its decoded output. */
public record ExecResult(int exitCode, String stdout, String stderr) {
}
