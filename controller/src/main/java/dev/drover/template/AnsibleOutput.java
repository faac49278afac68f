package dev.drover.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.expression.ExpressionStrategy;
import com.hubspot.jinjava.tree.output.RenderedOutputNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;

/**
 * How a {@code {{ }}} inside a longer template turns into text: Python's {@code str()} of the value
 * ({@code True}, {@code ['a', 1]}), and None as empty text, as Ansible's finalize step does. Stateless.
 */
final class AnsibleOutput implements ExpressionStrategy {
    static final AnsibleOutput INSTANCE = new AnsibleOutput();

    private AnsibleOutput() {
    }

    @Override
    public RenderedOutputNode interpretOutput(ExpressionToken token, JinjavaInterpreter interpreter) {
        Object value = interpreter.resolveELExpression(token.getExpr(), token.getLineNumber());
        String text = value == null ? "" : PyValues.str(value, Evaluation.of(interpreter));
        return new RenderedOutputNode(text);
    }
}
