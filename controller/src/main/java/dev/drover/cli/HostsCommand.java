package dev.drover.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * What every command that reaches hosts takes first, in this order in its help: where the hosts are
 * ({@code -i}, {@code --limit}), how to connect, how to become another user. {@code exec} and
 * {@code run} extend it (picocli reads a superclass's mixins before the subclass's own options).
 */
abstract class HostsCommand implements Callable<Integer> {
    @Mixin
    InventoryOptions inventory;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    BecomeOptions become;
}
