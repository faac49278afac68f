package dev.drover.demo;

/**
 * One simulated ACS node of the sandbox: its name, its rank in the rollout and the loopback ports its
 * ACS listens on (HTTP, cluster). Its SSH server is separate ({@link NodeSshServer}).
 */
record SandboxNode(String name, int rank, int httpPort, int clusterPort) {
}
