/**
 * The ACS versions the simulator can be ({@link dev.drover.acssim.persona.Persona}): schema numbers, the
 * Java they need, their Tomcat, which endpoints they have, how their success line reads, and the patches
 * each brings. Pure data; no I/O.
 */
package dev.drover.acssim.persona;
