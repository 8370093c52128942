// Results must not depend on the machine's time zone; pin one far from UTC so a mistake shows.
process.env.TZ = process.env.TZ_UNDER_TEST || "Asia/Shanghai";
