/** Secret values as a type: redaction never depends on a call site remembering to mask. */
package dev.drover.secret;
