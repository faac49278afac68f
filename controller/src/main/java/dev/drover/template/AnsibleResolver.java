package dev.drover.template;

import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Attribute, item and method access with Jinja2's rules, in front of Jinjava's own resolver:
 *
 * <ul>
 *   <li>a missing map key, list index or string attribute is an {@link Undefined}, not a silent null;
 *   <li>any access on an undefined value returns that same undefined value;
 *   <li>Python's string and dict methods ({@code split('.')}, {@code startswith}, {@code items()}) behave
 *       as in Python instead of as Java's ({@code String.split} takes a regex);
 *   <li>a {@link dev.drover.secret.Secret} reached through a container is revealed to the template and
 *       marks the result secret.
 * </ul>
 *
 * <p>Stateless and shared by all threads; per-call state lives in the current {@link Evaluation}.
 */
final class AnsibleResolver extends ELResolver {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern INDEX = Pattern.compile("-?\\d{1,9}");
    private final ELResolver engine = JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY;

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base == null) {
            return engine.getValue(context, null, property);
        }
        if (base instanceof Undefined) {
            context.setPropertyResolved(true);
            return base;
        }
        if (base instanceof Map<?, ?> map) {
            return mapValue(context, map, property);
        }
        if (base instanceof List<?> list && isIndex(property)) {
            return listValue(context, list, index(property));
        }
        if (base instanceof CharSequence || base instanceof Number || base instanceof Boolean) {
            return scalarAttribute(context, base, property);
        }
        return engine.getValue(context, base, property);
    }

    private Object mapValue(ELContext context, Map<?, ?> map, Object property) {
        Evaluation eval = Evaluation.current();
        Object value;
        if (map.containsKey(property)) {
            value = map.get(property);
        } else {
            value = engine.getValue(context, map, property); // converts numeric keys
            if (value == null) {
                context.setPropertyResolved(true);
                String name = String.valueOf(property);
                if (PyMethods.isDictMethod(name) || PyMethods.isMutator(name)) {
                    return null; // a method probe before invoke(), which decides
                }
                String path = eval.pathOf(map);
                return eval.undefined(path == null ? name : child(path, property),
                        "'" + (path == null ? "dict object" : path) + "' has no attribute '" + name + "'");
            }
        }
        context.setPropertyResolved(true);
        String path = eval.pathOf(map);
        Object seen = eval.inherit(map, eval.reveal(value));
        return path == null ? seen : eval.remember(seen, child(path, property));
    }

    private Object listValue(ELContext context, List<?> list, int index) {
        Evaluation eval = Evaluation.current();
        context.setPropertyResolved(true);
        int i = index < 0 ? index + list.size() : index;
        String path = eval.pathOf(list);
        if (i < 0 || i >= list.size()) {
            String name = path == null ? "list object" : "'" + path + "'";
            return eval.undefined((path == null ? "" : path) + "[" + index + "]", name + " has no element " + index);
        }
        Object seen = eval.inherit(list, eval.reveal(list.get(i)));
        return path == null ? seen : eval.remember(seen, path + "[" + index + "]");
    }

    private Object scalarAttribute(ELContext context, Object base, Object property) {
        context.setPropertyResolved(true);
        Evaluation eval = Evaluation.current();
        if (base instanceof CharSequence s && isIndex(property)) {
            int index = index(property);
            int i = index < 0 ? index + s.length() : index;
            if (i >= 0 && i < s.length()) {
                return String.valueOf(s.charAt(i));
            }
            return eval.undefined("[" + index + "]", "'str object' has no element " + index);
        }
        String name = String.valueOf(property);
        if (base instanceof CharSequence && PyMethods.isStrMethod(name)) {
            return null; // a method probe before invoke()
        }
        return eval.undefined(name, "'" + PyValues.typeName(base) + " object' has no attribute '" + name + "'");
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (base instanceof Undefined undefined) {
            undefined.call();
            context.setPropertyResolved(true);
            return base;
        }
        String name = String.valueOf(method);
        boolean container = base instanceof Map<?, ?> || base instanceof List<?>;
        boolean string = base instanceof CharSequence && PyMethods.isStrMethod(name);
        if (!string && !container) {
            return engine.invoke(context, base, method, paramTypes, params);
        }
        context.setPropertyResolved(true);
        Evaluation eval = Evaluation.current();
        Object[] args = params == null ? new Object[0] : params;
        try {
            if (string) {
                String text = base.toString();
                return eval.strMethodResult(text, PyMethods.callStr(text, name, args, eval));
            }
            // Only reading methods: variables are shared between hosts and must not change under a
            // template ({{ users.append(x) }} would otherwise reach every host).
            if (base instanceof Map<?, ?> map && PyMethods.isDictMethod(name)) {
                return PyMethods.callDict(map, name, args, eval);
            }
            if (base instanceof List<?> list && PyMethods.isListMethod(name)) {
                return PyMethods.callList(list, name, args);
            }
            throw new TemplateFailure("'" + PyValues.typeName(base) + " object' has no method '" + name
                    + "' that templates may call" + (PyMethods.isMutator(name) ? "; variables cannot be changed"
                    + " from a template (use set_fact)" : ""));
        } catch (TemplateFailure f) {
            throw eval.fail(f);
        }
    }

    /** Jinjava hands over item keys as text ({@code l[10]} arrives as "10"), so numeric text is an index. */
    private static boolean isIndex(Object property) {
        return property instanceof Integer || property instanceof Long
                || property instanceof String s && INDEX.matcher(s).matches();
    }

    private static int index(Object property) {
        return property instanceof Number n ? n.intValue() : Integer.parseInt((String) property);
    }

    private static String child(String path, Object key) {
        String k = String.valueOf(key);
        if (!(key instanceof String)) {
            return path + "[" + k + "]";
        }
        return IDENTIFIER.matcher(k).matches() ? path + "." + k : path + "['" + k + "']";
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return engine.getType(context, base, property);
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        engine.setValue(context, base, property, value);
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return engine.isReadOnly(context, base, property);
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return engine.getFeatureDescriptors(context, base);
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return engine.getCommonPropertyType(context, base);
    }
}
