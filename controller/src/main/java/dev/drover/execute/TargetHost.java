package dev.drover.execute;

import java.util.Map;

/** A host selected for a run, with its merged inventory variables. */
public record TargetHost(String name, Map<String, Object> vars) {
    public TargetHost {
        vars = Map.copyOf(vars.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }
}
