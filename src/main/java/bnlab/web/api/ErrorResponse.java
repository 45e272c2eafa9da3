package bnlab.web.api;

/** The body of every refused API request: {"error": "what is wrong"}. */
public record ErrorResponse(String error) {}
