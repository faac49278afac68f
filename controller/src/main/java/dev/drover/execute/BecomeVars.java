package dev.drover.execute;

import dev.drover.playbook.Coerce;
import dev.drover.remote.AgentOptions;
import dev.drover.secret.Secret;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Who a host's agent runs as, resolved as Ansible resolves it, for a playbook's task and an ad hoc
 * command alike: the variables {@code ansible_become}, {@code ansible_become_user}, {@code
 * ansible_become_method} and {@code ansible_become_password} (or {@code _pass}) win, from wherever
 * they come (inventory, play, task {@code vars:}), over the keywords ({@code become}, {@code
 * become_user}, {@code become_method}, inherited from blocks and the play; none for an ad hoc
 * command), as Ansible's {@code PlayContext.set_task_and_variable_override} applies its
 * {@code MAGIC_VARIABLE_MAPPING} after the task's attributes; then the command line's {@code -b},
 * {@code --become-user}, {@code --become-method} and {@code -K}. The method's own variables, as Ansible's
 * become plugins read them, win over the generic ones: {@code ansible_su_pass} (or {@code
 * ansible_sudo_pass}) over {@code ansible_become_password}, {@code ansible_su_exe} over {@code
 * ansible_become_exe}, {@code ansible_su_flags} over {@code ansible_become_flags}; those variables
 * over the {@code become_exe} and {@code become_flags} keywords.
 *
 * <p>A method drover does not have is refused here, before any agent starts, with an
 * {@link IllegalArgumentException} that the task runner completes with the task's name and place.
 */
public final class BecomeVars {
    private BecomeVars() {
    }

    /** The keyword layer: each null where no task, block or play keyword sets it. */
    public record Keywords(Boolean become, String user, String method, String exe, String flags) {
        public static final Keywords NONE = new Keywords(null, null, null, null, null);

        public Keywords(Boolean become, String user, String method) {
            this(become, user, method, null, null);
        }
    }

    /**
     * Ansible's {@code become_allow_same_user} (environment {@code ANSIBLE_BECOME_ALLOW_SAME_USER}):
     * false by default, so becoming the user one already logs in as is skipped.
     */
    static final boolean ALLOW_SAME_USER = Coerce.toBoolean(
            System.getenv().getOrDefault("ANSIBLE_BECOME_ALLOW_SAME_USER", "false"));

    /** As {@link #resolve(Keywords, Map, Map, AgentOptions.Become, boolean, UnaryOperator)}, the host's variables naming its login too. */
    public static AgentOptions.Become resolve(Keywords keywords, Map<String, Object> vars, AgentOptions.Become cli,
            boolean cliBecomes, UnaryOperator<Object> render) {
        return resolve(keywords, vars, vars, cli, cliBecomes, render);
    }

    /**
     * @param login      the variables of the host the agent runs on, after delegation and
     *                   {@code remote_user}: its {@code ansible_connection} and {@code ansible_user}
     *                   say who drover logs in as
     * @param cli        the command line's become (its user, method and password), or null
     * @param cliBecomes whether the command line asks to become ({@code -b})
     * @param render     renders a variable's value with the host's variables (asked only for values read)
     * @return the become to start the agent with, or null to run as the login user: also when the
     *     become user is the login user, which Ansible skips (its {@code _low_level_execute_command}
     *     becomes only when {@code buser != ruser}, unless {@code become_allow_same_user}); a login
     *     user that nothing names (drover's default) never equals it, as Ansible's {@code None}
     */
    public static AgentOptions.Become resolve(Keywords keywords, Map<String, Object> vars, Map<String, Object> login,
            AgentOptions.Become cli, boolean cliBecomes, UnaryOperator<Object> render) {
        boolean on = vars.containsKey("ansible_become") ? Coerce.toBoolean(render.apply(vars.get("ansible_become")))
                : keywords.become() != null ? keywords.become()
                : cliBecomes;
        if (!on) {
            return null;
        }
        String user = vars.containsKey("ansible_become_user") ? text(render.apply(vars.get("ansible_become_user")))
                : keywords.user() != null ? keywords.user()
                : cli != null ? cli.user() : null;
        String method = vars.containsKey("ansible_become_method") ? text(render.apply(vars.get("ansible_become_method")))
                : keywords.method() != null ? keywords.method()
                : cli != null ? cli.method() : null;
        String name = method == null || method.isBlank() ? "sudo" : method;
        if (!AgentOptions.Become.METHODS.contains(name)) {
            throw new IllegalArgumentException(AgentOptions.Become.unsupported(name));
        }
        Object password = vars.containsKey("ansible_" + name + "_pass") ? vars.get("ansible_" + name + "_pass")
                : vars.containsKey("ansible_become_password") ? vars.get("ansible_become_password")
                : vars.get("ansible_become_pass");
        Secret secret = password == null ? (cli != null ? cli.password() : null)
                : password instanceof Secret s ? s : Secret.of(String.valueOf(render.apply(password)));
        String becomeUser = user == null || user.isBlank() ? "root" : user;
        if (!ALLOW_SAME_USER && becomeUser.equals(loginUser(login, render))) {
            return null;
        }
        String exe = methodVar(vars, name, "exe", render);
        String flags = methodVar(vars, name, "flags", render);
        return new AgentOptions.Become(user, method, secret, exe != null ? exe : keywords.exe(),
                flags != null ? flags : keywords.flags());
    }

    /**
     * Who drover logs in as where something names it: the controller's user on a local connection,
     * else {@code ansible_ssh_user} or {@code ansible_user} (Ansible's order); null when neither is set.
     */
    private static String loginUser(Map<String, Object> login, UnaryOperator<Object> render) {
        Object connection = login.get("ansible_connection");
        if (connection != null && "local".equals(text(render.apply(connection)))) {
            return System.getProperty("user.name");
        }
        for (String key : new String[] {"ansible_ssh_user", "ansible_user"}) {
            Object u = login.get(key);
            if (u != null) {
                return text(render.apply(u));
            }
        }
        return null;
    }

    /** {@code ansible_<method>_<option>}, else {@code ansible_become_<option>}, rendered; null when neither is set. */
    private static String methodVar(Map<String, Object> vars, String method, String option, UnaryOperator<Object> render) {
        for (String key : new String[] {"ansible_" + method + "_" + option, "ansible_become_" + option}) {
            if (vars.containsKey(key)) {
                return text(render.apply(vars.get(key)));
            }
        }
        return null;
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
