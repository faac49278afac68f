package dev.drover.playbook;

/**
 * One entry of a task list: a module call, a block, or an {@code include_tasks} expanded at run
 * time. ({@code import_tasks} never appears: the parser has already inlined the imported tasks.)
 */
public sealed interface Task permits ModuleTask, Block, TaskInclude {

    /** The keywords written on this entry, with its source position. */
    TaskOptions options();

    default SourcePos pos() {
        return options().pos();
    }
}
