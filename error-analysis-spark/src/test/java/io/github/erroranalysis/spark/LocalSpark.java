package io.github.erroranalysis.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** The tests' Spark: {@code local[2]}, no web UI, bound to the loopback address; one context per test class. */
final class LocalSpark {

    private LocalSpark() {
    }

    static SparkConf conf(String name) {
        return new SparkConf().setMaster("local[2]").setAppName(name)
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
    }

    static JavaSparkContext start(String name) {
        return new JavaSparkContext(conf(name));
    }
}
