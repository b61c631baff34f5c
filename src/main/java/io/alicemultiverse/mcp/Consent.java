package io.alicemultiverse.mcp;

import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.Map;

/**
 * Decides whether a consequential tool call (moving files, sending images to a remote provider) may go ahead. The
 * model's word is never enough (an argument such as {@code confirm} is set by the model, which may be obeying text
 * planted in a file): the action goes ahead when the user allowed its class when starting the server, else when the
 * user, asked through MCP elicitation (where the client supports it), accepts; otherwise it is refused with a
 * {@link ToolError} that says how the user can allow it. Stateless apart from the permissions; thread-safe.
 */
final class Consent {
    /** How an action was allowed. */
    enum Granted {
        /** By {@code --allow} (or the configuration) when the server started. */
        AT_START,
        /** By the user, just now, through the client's elicitation form. */
        BY_USER,
        /** Not asked: on closer look the call does nothing consequential (e.g. every image's result is cached). */
        NOT_NEEDED
    }

    private static final String FIELD = "approve";

    private final McpPermissions permissions;

    Consent(McpPermissions permissions) {
        this.permissions = permissions;
    }

    /**
     * Returns how {@code action} was allowed, or throws a {@link ToolError} when it is not.
     *
     * @param question what will happen, in the user's terms (shown in the client's consent form)
     * @param exchange the session of the call, to ask the user through; null when there is none
     * @param askAnyway ask the user even when the class of action was allowed at start (e.g. a cost above the
     *                  configured threshold); refused when the client cannot ask
     */
    Granted require(McpPermissions.Action action, String question, McpSyncServerExchange exchange,
                    boolean askAnyway) {
        if (permissions.allows(action) && !askAnyway) {
            return Granted.AT_START;
        }
        McpSchema.ClientCapabilities caps = exchange == null ? null : exchange.getClientCapabilities();
        if ((caps == null || caps.elicitation() == null) && permissions.allows(action)) {
            throw new ToolError(question + " This needs the user's approval each time (the estimate is above the "
                    + "configured confirm_above_usd), and this client cannot ask the user (no MCP elicitation). "
                    + "Nothing was done. The user can run `alice understand` themselves or raise confirm_above_usd.");
        }
        if (caps == null || caps.elicitation() == null) {
            throw new ToolError(refusal(action) + " This client cannot ask the user (it does not support MCP "
                    + "elicitation), and the server was not started with `alice mcp --allow " + action.id()
                    + "` (or `mcp: {allow: [" + action.id() + "]}` in the configuration). Nothing was done. Tell the "
                    + "user what you wanted to do; a 'confirm' or similar argument is not the user's consent.");
        }
        McpSchema.ElicitResult answer;
        try {
            answer = exchange.createElicitation(McpSchema.ElicitFormRequest.builder(question + "\n\nThis was "
                            + "requested by the AI model, not by you. Approve only if you asked for it.",
                    Map.of("type", "object",
                            "properties", Map.of(FIELD, Map.of("type", "boolean", "title", "Approve",
                                    "description", "Yes, do this.", "default", false)),
                            "required", java.util.List.of(FIELD))).build());
        } catch (RuntimeException e) {
            throw new ToolError(refusal(action) + " Asking the user failed (" + e.getMessage() + "). Nothing was "
                    + "done.");
        }
        if (answer != null && answer.action() == McpSchema.ElicitResult.Action.ACCEPT && answer.content() != null
                && Boolean.TRUE.equals(answer.content().get(FIELD))) {
            return Granted.BY_USER;
        }
        throw new ToolError("The user did not approve (" + (answer == null ? "no answer"
                : answer.action().name().toLowerCase(java.util.Locale.ROOT)) + "). Nothing was done; do not retry "
                + "unless the user asks for it.");
    }

    private static String refusal(McpPermissions.Action action) {
        return switch (action) {
            case MOVE -> "Moving files needs the user's consent.";
            case REMOTE -> "Sending images to a remote vision provider needs the user's consent.";
        };
    }
}
