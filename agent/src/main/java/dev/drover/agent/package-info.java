/**
 * The agent runtime: {@link dev.drover.agent.AgentMain} (claims stdout for frames, then runs a
 * session), {@link dev.drover.agent.Session} (handshake and request loop), the single
 * {@code FrameWriter} and the {@code Dispatcher} that turns a module run into a result. The wire
 * format lives in {@code protocol}, the module SPI in {@code module}, module implementations in
 * {@code modules.<family>}, child process handling in {@code process}. Compiled for Java 8.
 */
package dev.drover.agent;
