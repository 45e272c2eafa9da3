package bnlab.web.broker;

/**
 * The broker's server could not be reached or did not answer in time. Unchecked: the caller decides
 * whether a room can go on without the directory; the message says which server and why.
 */
public final class BrokerException extends RuntimeException {
    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
