/**
 * The MCP server for Claude Desktop and other MCP clients: tools with JSON schemas over stdio, built on the official
 * Java SDK. A surface: every tool calls the {@link io.alicemultiverse.app.LibraryService} facade and renders its answer.
 */
package io.alicemultiverse.mcp;
