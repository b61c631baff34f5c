/**
 * Plain HTTP/1.1 calls to remote APIs shared by the provider clients (understanding, video generation): one request
 * out, status, headers, {@code Retry-After} and body back, with a whole-request deadline and the distinction between
 * a request that never left and one whose answer was lost.
 */
package io.alicemultiverse.http;
