package io.github.optimizationjobtracker.store;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's size of an item, as its documentation counts it (attribute names and values in UTF-8, numbers about
 * one byte per two digits, a few bytes per map or list entry), rounded up: good enough to stay clear of the
 * 400 KB item limit, which fails the write outright.
 */
final class ItemSize {
    /** DynamoDB's limit is 400 KB; keep room for the index copies' key overhead and our own estimate's error. */
    static final int LIMIT = 380 * 1024;

    private ItemSize() {
    }

    static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + of(attribute.getValue());
        }
        return size;
    }

    static long of(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return value.n().length() / 2 + 2;
        }
        if (value.hasM()) {
            long size = 3;
            for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
                size += utf8(entry.getKey()) + of(entry.getValue()) + 1;
            }
            return size;
        }
        if (value.hasL()) {
            long size = 3;
            for (AttributeValue element : value.l()) {
                size += of(element) + 1;
            }
            return size;
        }
        if (value.hasSs()) {
            return value.ss().stream().mapToLong(ItemSize::utf8).sum();
        }
        return 1;
    }

    private static long utf8(String text) {
        // Exact UTF-8 length only when it could matter: a char is at most 3 bytes.
        return text.length() < 1024 ? text.length() * 3L : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
