package dev.drover.execute;

import dev.drover.playbook.Coerce;
import dev.drover.remote.AgentOptions;
import dev.drover.secret.Secret;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Who a host's agent runs as, resolved as Ansible resolves it, for a playbook's task and an ad hoc
 * command alike: the task's keywords ({@code become}, {@code become_user}, {@code become_method},
 * inherited from blocks and the play; none for an ad hoc command) win, then the host's {@code
 * ansible_become}, {@code ansible_become_user}, {@code ansible_become_method} and {@code
 * ansible_become_password} (or {@code _pass}), then the command line's {@code -b}, {@code
 * --become-user}, {@code --become-method} and {@code -K}.
 */
public final class BecomeVars {
    private BecomeVars() {
    }

    /** The keyword layer: each null where no task, block or play keyword sets it. */
    public record Keywords(Boolean become, String user, String method) {
        public static final Keywords NONE = new Keywords(null, null, null);
    }

    /**
     * @param cli        the command line's become (its user, method and password), or null
     * @param cliBecomes whether the command line asks to become ({@code -b})
     * @param render     renders a variable's value with the host's variables (asked only for values read)
     * @return the become to start the agent with, or null to run as the login user
     */
    public static AgentOptions.Become resolve(Keywords keywords, Map<String, Object> vars, AgentOptions.Become cli,
            boolean cliBecomes, UnaryOperator<Object> render) {
        boolean on = keywords.become() != null ? keywords.become()
                : vars.containsKey("ansible_become") ? Coerce.toBoolean(render.apply(vars.get("ansible_become")))
                : cliBecomes;
        if (!on) {
            return null;
        }
        String user = keywords.user() != null ? keywords.user()
                : vars.containsKey("ansible_become_user") ? text(render.apply(vars.get("ansible_become_user")))
                : cli != null ? cli.user() : null;
        String method = keywords.method() != null ? keywords.method()
                : vars.containsKey("ansible_become_method") ? text(render.apply(vars.get("ansible_become_method")))
                : cli != null ? cli.method() : null;
        Object password = vars.containsKey("ansible_become_password") ? vars.get("ansible_become_password")
                : vars.get("ansible_become_pass");
        Secret secret = password == null ? (cli != null ? cli.password() : null)
                : password instanceof Secret s ? s : Secret.of(String.valueOf(render.apply(password)));
        return new AgentOptions.Become(user, method, secret);
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
