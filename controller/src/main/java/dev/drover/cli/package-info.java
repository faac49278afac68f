/**
 * The command line: picocli lives only here. One class per verb; each parses options, calls the
 * domain ({@code execute}, {@code inventory}, ...) and returns an exit code from {@link
 * dev.drover.cli.ExitCodes}. Rendering of results for people (colour, layout) is here too; the
 * domain never prints.
 */
package dev.drover.cli;
