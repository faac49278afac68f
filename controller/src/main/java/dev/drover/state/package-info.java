/**
 * Where drover keeps what outlives a run on the controller: run journals ({@code runs/<id>/}) and
 * overlap locks ({@code locks/}). Only the location lives here; what is written is owned by the
 * journal and the lock. Nothing here touches hosts.
 */
package dev.drover.state;
