package dev.drover.agent.modules.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.modules.NoProcesses;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** setup: facts present with the types playbooks compare them as, subsets, filters, distributions. */
class SetupModuleTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> facts(Object... kv) throws ModuleException {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            args.put((String) kv[i], kv[i + 1]);
        }
        Map<String, Object> result = new SetupModule().run(new Args(args), new ModuleContext(false, false, NoProcesses.RUNNER)).toMap();
        assertEquals(false, result.get("changed"));
        return (Map<String, Object>) result.get("ansible_facts");
    }

    @Test
    void allFactsArePresentAndTyped() throws Exception {
        Map<String, Object> f = facts();
        String nodename = new String(Files.readAllBytes(Paths.get("/proc/sys/kernel/hostname"))).trim();
        assertEquals(nodename, f.get("ansible_nodename"));
        assertEquals(nodename.split("\\.")[0], f.get("ansible_hostname"));
        assertTrue(((String) f.get("ansible_fqdn")).startsWith(nodename.split("\\.")[0]));
        assertEquals("Linux", f.get("ansible_system"));
        // Ansible's copy target reads ansible_fips (true only when /proc/sys/crypto/fips_enabled says 1).
        assertEquals("1".equals(FactFiles.firstLine("/proc/sys/crypto/fips_enabled", "0").trim()), f.get("ansible_fips"));
        assertEquals(new String(Files.readAllBytes(Paths.get("/proc/sys/kernel/osrelease"))).trim(), f.get("ansible_kernel"));
        assertTrue(Arrays.asList("x86_64", "aarch64").contains(f.get("ansible_architecture")), String.valueOf(f.get("ansible_architecture")));
        assertEquals(System.getProperty("user.name"), f.get("ansible_user_id"));
        assertEquals(System.getProperty("user.home"), f.get("ansible_user_dir"));
        assertTrue(f.get("ansible_user_uid") instanceof Long);
        assertEquals(System.getenv("PATH"), ((Map<?, ?>) f.get("ansible_env")).get("PATH"));
        assertTrue((Integer) f.get("ansible_processor_vcpus") >= 1);
        assertTrue((Long) f.get("ansible_memtotal_mb") > 0);
        assertTrue((Long) f.get("ansible_memfree_mb") <= (Long) f.get("ansible_memtotal_mb"));
        for (Object mount : (List<?>) f.get("ansible_mounts")) {
            Map<?, ?> m = (Map<?, ?>) mount;
            assertTrue(m.get("mount") instanceof String && m.get("device") instanceof String && m.get("fstype") instanceof String, String.valueOf(m));
            assertTrue((Long) m.get("size_total") >= (Long) m.get("size_available"), String.valueOf(m));
        }
        Map<?, ?> date = (Map<?, ?>) f.get("ansible_date_time");
        long epoch = Long.parseLong((String) date.get("epoch"));
        assertTrue(Math.abs(epoch - System.currentTimeMillis() / 1000) < 60);
        assertTrue(((String) date.get("iso8601")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
        Map<?, ?> java = (Map<?, ?>) f.get("ansible_java");
        assertEquals(System.getProperty("java.version"), java.get("version"));
        assertEquals(System.getProperty("java.home"), java.get("home"));
        assertEquals(Runtime.version().feature(), f.get("drover_java_version_major"));
        assertTrue(f.get("ansible_all_ipv4_addresses") instanceof List);
        assertFalse(((List<?>) f.get("ansible_all_ipv4_addresses")).contains("127.0.0.1"), "loopback left out, as Ansible does");
        assertTrue(((List<?>) f.get("ansible_interfaces")).contains("lo"));
        assertEquals(true, f.get("module_setup"));
    }

    @Test
    void subsetsAndFilters() throws Exception {
        Map<String, Object> min = facts("gather_subset", "min");
        assertTrue(min.containsKey("ansible_hostname") && min.containsKey("ansible_distribution") && min.containsKey("ansible_java"));
        assertFalse(min.containsKey("ansible_mounts") || min.containsKey("ansible_interfaces"), String.valueOf(min.keySet()));

        Map<String, Object> noHardware = facts("gather_subset", Arrays.asList("!hardware"));
        assertFalse(noHardware.containsKey("ansible_memtotal_mb"));
        assertTrue(noHardware.containsKey("ansible_interfaces"), "only negatives start from all");

        Map<String, Object> filtered = facts("filter", "ansible_distribution*");
        assertEquals(new HashSet<>(Arrays.asList("ansible_distribution", "ansible_distribution_version",
                "ansible_distribution_major_version", "ansible_distribution_release", "gather_subset", "module_setup")), filtered.keySet());

        assertTrue(assertThrows(ModuleException.class, () -> facts("gather_subset", "hardwar"))
                .getMessage().contains("Bad subset 'hardwar'"));
    }

    @Test
    void subsetRules() throws ModuleException {
        assertEquals(new HashSet<>(Arrays.asList("min", "hardware", "network")), SetupModule.subsets(Arrays.asList("all")));
        assertEquals(new HashSet<>(Arrays.asList("min")), SetupModule.subsets(Arrays.asList("!all")));
        assertEquals(new HashSet<>(Arrays.asList("min", "network")), SetupModule.subsets(Arrays.asList("network")));
        assertEquals(new HashSet<>(Arrays.asList("min", "hardware")), SetupModule.subsets(Arrays.asList("all", "!network")));
        assertEquals(new HashSet<>(Arrays.asList("min", "hardware")), SetupModule.subsets(Arrays.asList("!all", "hardware")),
                "a subset named explicitly wins over !all");
        assertEquals(new HashSet<>(Arrays.asList("min", "network")), SetupModule.subsets(Arrays.asList("!hardware")));
        assertEquals(new HashSet<>(Arrays.asList("min")), SetupModule.subsets(Arrays.asList("distribution")),
                "a part of min (Ansible's setup_test_user gathers 'distribution') asks for min only");
    }

    @Test
    void distributionsWithAnsiblesNames() {
        assertDistribution("ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nNAME=\"Debian GNU/Linux\"", "12.5",
                "Debian", "12.5", "12", "Debian");
        assertDistribution("NAME=\"Red Hat Enterprise Linux\"\nID=\"rhel\"\nID_LIKE=\"fedora\"\nVERSION_ID=\"8.9\"", null,
                "RedHat", "8.9", "8", "RedHat");
        assertDistribution("NAME=\"Rocky Linux\"\nID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\nVERSION_ID=\"9.3\"", null,
                "Rocky", "9.3", "9", "RedHat");
        assertDistribution("NAME=\"Amazon Linux\"\nID=\"amzn\"\nVERSION_ID=\"2\"", null, "Amazon", "2", "2", "RedHat");
        assertDistribution("NAME=Ubuntu\nID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"22.04\"\nVERSION_CODENAME=jammy", "bookworm/sid",
                "Ubuntu", "22.04", "22", "Debian");
        assertDistribution("NAME=\"SLES\"\nID=\"sles\"\nVERSION_ID=\"15.5\"", null, "SLES", "15.5", "15", "Suse");
        assertDistribution("NAME=\"Some Linux\"\nID=somelinux\nID_LIKE=\"rhel fedora\"\nVERSION_ID=1.0", null,
                "Some Linux", "1.0", "1", "RedHat");
    }

    private static void assertDistribution(String osRelease, String debianVersion, String name, String version, String major, String family) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : osRelease.split("\n")) {
            int eq = line.indexOf('=');
            vars.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
        }
        Map<String, Object> f = new LinkedHashMap<>();
        PlatformFacts.distribution(f, vars, debianVersion);
        assertEquals(Arrays.asList(name, version, major, family), Arrays.asList(f.get("ansible_distribution"),
                f.get("ansible_distribution_version"), f.get("ansible_distribution_major_version"), f.get("ansible_os_family")));
    }

    @Test
    void fqdnFromEtcHostsWithoutDns() {
        List<String> hosts = Arrays.asList("127.0.0.1 localhost", "# 10.0.0.9 acs1.wrong.example acs1",
                "10.0.0.5 acs1.prod.example.com acs1 # the repo node");
        assertEquals("acs1.prod.example.com", PlatformFacts.fqdn("acs1", hosts));
        assertEquals("acs2", PlatformFacts.fqdn("acs2", hosts), "not listed: the node name");
        assertEquals("acs3.example.org", PlatformFacts.fqdn("acs3.example.org", hosts));
    }

    @Test
    void dateTimeAsPythonsStrftime() {
        TimeZone paris = TimeZone.getTimeZone("Europe/Paris");
        ZonedDateTime t = ZonedDateTime.of(2024, 7, 1, 9, 5, 3, 123456000, ZoneId.of("Europe/Paris"));
        Map<String, Object> d = DateTimeFacts.at(t.toInstant().toEpochMilli(), 123456, paris, new String[] {"CET", "CEST"});
        assertEquals("2024-07-01", d.get("date"));
        assertEquals("09:05:03", d.get("time"));
        assertEquals("2024-07-01T07:05:03Z", d.get("iso8601"));
        assertEquals("2024-07-01T07:05:03.123456Z", d.get("iso8601_micro"));
        assertEquals("20240701T090503123456", d.get("iso8601_basic"));
        assertEquals("Monday", d.get("weekday"));
        assertEquals("1", d.get("weekday_number"));
        assertEquals("27", d.get("weeknumber"));
        assertEquals("+0200", d.get("tz_offset"));
        assertEquals("CEST", d.get("tz"));
        assertEquals("CET", DateTimeFacts.at(t.minusMonths(6).toInstant().toEpochMilli(), 0, paris, new String[] {"CET", "CEST"}).get("tz"));
        assertEquals(String.valueOf(t.toEpochSecond()), d.get("epoch"));
    }

    @Test
    void calendarArithmeticAgreesWithJavaTime() {
        java.util.Random random = new java.util.Random(42);
        for (String id : Arrays.asList("UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Pacific/Chatham")) {
            TimeZone zone = TimeZone.getTimeZone(id);
            for (int i = 0; i < 2000; i++) {
                long millis = (long) (random.nextDouble() * 4_102_444_800_000L) - 631_152_000_000L; // 1950..2100
                ZonedDateTime t = java.time.Instant.ofEpochMilli(millis).atZone(zone.toZoneId());
                Map<String, Object> d = DateTimeFacts.at(millis, 0, zone, new String[] {"S", "D"});
                String expected = t.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx"))
                        + " " + t.getDayOfWeek().getValue() % 7 + " " + String.format("%02d", (t.getDayOfYear() - 1 + 7 - (t.getDayOfWeek().getValue() - 1)) / 7);
                assertEquals(expected, d.get("date") + " " + d.get("time") + " " + d.get("tz_offset") + " " + d.get("weekday_number")
                        + " " + d.get("weeknumber"), id + " at " + millis);
            }
        }
    }

    @Test
    void zoneAbbreviationsFromPosixTzStrings() {
        assertEquals(Arrays.asList("CET", "CEST"), Arrays.asList(DateTimeFacts.posixNames("CET-1CEST,M3.5.0,M10.5.0/3")));
        assertEquals(Arrays.asList("UTC", "UTC"), Arrays.asList(DateTimeFacts.posixNames("UTC0")));
        assertEquals(Arrays.asList("+0530", "+0530"), Arrays.asList(DateTimeFacts.posixNames("<+0530>-5:30")));
        assertEquals(Arrays.asList("EST", "EDT"), Arrays.asList(DateTimeFacts.posixNames("EST5EDT,M3.2.0,M11.1.0")));
    }

    @Test
    void javaMajorVersions() {
        assertEquals(8, RuntimeFacts.javaMajor("1.8"));
        assertEquals(11, RuntimeFacts.javaMajor("11"));
        assertEquals(17, RuntimeFacts.javaMajor("17"));
    }

    @Test
    void procMountsEscapes() {
        assertEquals("/mnt/my share", HardwareFacts.unescape("/mnt/my\\040share"));
        assertEquals("10.0.2.2", NetworkFacts.hexIpv4("0202000A"));
        assertEquals("fe80::fc:ff:fe00:1", NetworkFacts.compress("fe80:0:0:0:fc:ff:fe00:1"));
        assertEquals("fd00::2", NetworkFacts.compress("fd00:0:0:0:0:0:0:2"));
        assertEquals("::1", NetworkFacts.compress("0:0:0:0:0:0:0:1"));
        assertEquals("2001:db8:0:1:1:1:1:1", NetworkFacts.compress("2001:db8:0:1:1:1:1:1"), "a single zero group stays");
        assertEquals("2001:db8::1:0:0:1", NetworkFacts.compress("2001:db8:0:0:1:0:0:1"), "the first of equal runs");
        assertEquals("1::", NetworkFacts.compress("1:0:0:0:0:0:0:0"));
    }
}
