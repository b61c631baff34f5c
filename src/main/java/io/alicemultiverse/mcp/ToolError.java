package io.alicemultiverse.mcp;

/** A tool call that cannot be answered; its message (with a suggestion) goes back to the client as a tool error. */
final class ToolError extends RuntimeException {
    ToolError(String message) {
        super(message);
    }
}
