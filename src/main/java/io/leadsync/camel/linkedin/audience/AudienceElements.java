package io.leadsync.camel.linkedin.audience;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.leadsync.camel.linkedin.api.LinkedInJson;
import io.leadsync.camel.linkedin.model.DmpCompany;
import io.leadsync.camel.linkedin.model.DmpUser;
import io.leadsync.camel.linkedin.model.UserId;

/**
 * Turns a route's audience rows (Maps, or records/beans with the same property names) into LinkedIn batch elements.
 * <p>
 * Users: {@code email} (hashed here, never sent), {@code sha256Email}, {@code sha512Email}, {@code googleAid}, and
 * the matching fields {@code firstName, lastName, title, company, country}. A row with no identifier, or whose email
 * is neither an address nor a digest, is refused here ({@link Prepared#problem()}) and never sent.
 * <p>
 * Companies: LinkedIn's names ({@code companyName, organizationUrn, companyWebsiteDomain, companyEmailDomain,
 * companyPageUrl, stockSymbol, industries, city, state, postalCode, country}) or the short forms {@code name},
 * {@code organization}, {@code domain}/{@code websiteDomain}, {@code emailDomain}, {@code pageUrl}; {@code industries}
 * may be a list or comma-separated text. LinkedIn judges company rows itself.
 */
public final class AudienceElements {

    private AudienceElements() {
    }

    /**
     * One input row ready to send, or refused before sending.
     *
     * @param element the batch element ({@code null} when refused)
     * @param problem why the row was refused, or {@code null}
     */
    public record Prepared<T>(T element, String problem) {
    }

    /** The user element of one row, with every email hashed. */
    public static Prepared<DmpUser> user(Object row, String action) {
        if (row instanceof DmpUser user) {
            return userIds(user.userIds()).isEmpty() ? new Prepared<>(null, "userIds must hold at least one user id")
                    : new Prepared<>(new DmpUser(action, userIds(user.userIds()), user.firstName(), user.lastName(), user.title(),
                            user.company(), user.country()), null);
        }
        Map<String, Object> map = asMap(row);
        if (map == null) {
            return new Prepared<>(null, "an audience user must be a Map or a record with email, sha256Email, sha512Email or googleAid");
        }
        List<UserId> ids = new ArrayList<>();
        String email = text(map, "email");
        if (email != null) {
            if (!email.contains("@") && !AudienceHashing.isSha256(email)) {
                return new Prepared<>(null, "email is neither an email address nor a SHA-256 digest");
            }
            ids.add(new UserId("SHA256_EMAIL", AudienceHashing.sha256Email(email)));
        }
        String sha256 = text(map, "sha256Email");
        if (sha256 != null) {
            if (!AudienceHashing.isSha256(sha256) && !sha256.contains("@")) {
                return new Prepared<>(null, "sha256Email is not a SHA-256 hex digest (64 hex characters)");
            }
            ids.add(new UserId("SHA256_EMAIL", AudienceHashing.sha256Email(sha256)));
        }
        String sha512 = text(map, "sha512Email");
        if (sha512 != null) {
            if (!AudienceHashing.isSha512(sha512) && !sha512.contains("@")) {
                return new Prepared<>(null, "sha512Email is not a SHA-512 hex digest (128 hex characters)");
            }
            ids.add(new UserId("SHA512_EMAIL", AudienceHashing.sha512Email(sha512)));
        }
        String googleAid = text(map, "googleAid");
        if (googleAid != null) {
            ids.add(new UserId("GOOGLE_AID", googleAid));
        }
        if (ids.isEmpty()) {
            return new Prepared<>(null, "no identifier: set email, sha256Email, sha512Email or googleAid");
        }
        return new Prepared<>(new DmpUser(action, ids, text(map, "firstName"), text(map, "lastName"), text(map, "title"),
                text(map, "company"), text(map, "country")), null);
    }

    /** The company element of one row. */
    public static Prepared<DmpCompany> company(Object row, String action) {
        if (row instanceof DmpCompany c) {
            return new Prepared<>(new DmpCompany(action, c.companyName(), c.organizationUrn(), c.companyWebsiteDomain(),
                    c.companyEmailDomain(), c.companyPageUrl(), c.stockSymbol(), c.industries(), c.city(), c.state(), c.postalCode(),
                    c.country()), null);
        }
        Map<String, Object> map = asMap(row);
        if (map == null) {
            return new Prepared<>(null, "an audience company must be a Map or a record with companyName, domains, page URL, "
                    + "organization URN or stock symbol");
        }
        return new Prepared<>(new DmpCompany(action, first(map, "companyName", "name"), first(map, "organizationUrn", "organization"),
                first(map, "companyWebsiteDomain", "websiteDomain", "domain"), first(map, "companyEmailDomain", "emailDomain"),
                first(map, "companyPageUrl", "pageUrl"), text(map, "stockSymbol"), industries(map.get("industries")), text(map, "city"),
                text(map, "state"), text(map, "postalCode"), text(map, "country")), null);
    }

    // a DmpUser built by hand may still carry a plain email in idValue: hash it rather than send it
    private static List<UserId> userIds(List<UserId> ids) {
        if (ids == null) {
            return List.of();
        }
        List<UserId> out = new ArrayList<>();
        for (UserId id : ids) {
            if (id == null || id.idValue() == null) {
                continue;
            }
            String value = switch (String.valueOf(id.idType())) {
                case "SHA256_EMAIL" -> AudienceHashing.sha256Email(id.idValue());
                case "SHA512_EMAIL" -> AudienceHashing.sha512Email(id.idValue());
                default -> id.idValue();
            };
            out.add(new UserId(id.idType(), value));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object row) {
        if (row instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        if (row == null || row instanceof CharSequence || row instanceof Number || row instanceof Collection) {
            return null;
        }
        try {
            return LinkedInJson.convert(row, Map.class);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }

    private static String first(Map<String, Object> map, String... keys) {
        for (String key : keys) {
            String value = text(map, key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static List<String> industries(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        return Arrays.stream(value.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
