package bnlab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The folders show the architecture; these rules keep it so. */
@AnalyzeClasses(packages = "bnlab", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule engine_has_no_web_json_or_thread_code = noClasses()
            .that().resideInAPackage("bnlab.engine..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..", "org.thymeleaf..",
                    "com.fasterxml..", "picocli..", "java.util.concurrent..", "java.net..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
            .because("the engine is numbers only: no web, no JSON, no threads");

    @ArchTest
    static final ArchRule engine_depends_on_no_other_part_of_the_app = noClasses()
            .that().resideInAPackage("bnlab.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("bnlab.data..", "bnlab.experiments..", "bnlab.lessons..",
                    "bnlab.web..", "bnlab.cli..");

    @ArchTest
    static final ArchRule data_lessons_and_experiments_know_nothing_of_the_web = noClasses()
            .that().resideInAnyPackage("bnlab.data..", "bnlab.experiments..", "bnlab.lessons..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..",
                    "org.thymeleaf..", "bnlab.web..", "bnlab.cli..");

    @ArchTest
    static final ArchRule only_the_broker_talks_to_redis = noClasses()
            .that().resideOutsideOfPackage("bnlab.web.broker..")
            .should().dependOnClassesThat().resideInAnyPackage("io.lettuce..", "io.netty..", "reactor..")
            .because("the classroom speaks to its Broker interface; Redis is one implementation");

    @ArchTest
    static final ArchRule the_lab_knows_nothing_of_the_classroom = noClasses()
            .that().resideInAPackage("bnlab.web.lab..")
            .should().dependOnClassesThat().resideInAnyPackage("bnlab.web.classroom..", "bnlab.web.broker..")
            .because("runs and their viewers are shared by the lab and the classroom; rooms build on them, not the other way");
}
