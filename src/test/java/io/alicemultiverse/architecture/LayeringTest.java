package io.alicemultiverse.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.alicemultiverse.catalog.Catalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of {@code docs/architecture.md}, checked on the compiled classes: surfaces import {@code app} and the
 * domain, never each other (the CLI, the entry point, may start the MCP and web servers); the domain never imports a
 * surface or {@code app}; {@code catalog} is the only package with SQL; no cycles between top-level packages.
 */
class LayeringTest {
    private static final String ROOT = "io.alicemultiverse";
    /** Surfaces: they translate input into requests and render results. {@code metrics} is the shared registry. */
    private static final String[] SURFACES = {ROOT + ".cli..", ROOT + ".mcp..", ROOT + ".web..", ROOT + ".metrics.."};
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void mcpAndWebImportNoOtherSurface() {
        noClasses().that().resideInAPackage(ROOT + ".mcp..").should().dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".cli..", ROOT + ".web..").check(classes);
        noClasses().that().resideInAPackage(ROOT + ".web..").should().dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".cli..", ROOT + ".mcp..").check(classes);
    }

    @Test
    void domainImportsNoSurfaceAndNoApp() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages(concat(SURFACES, ROOT + ".app.."))
                .should().dependOnClassesThat().resideInAnyPackage(concat(SURFACES, ROOT + ".app.."));
        rule.check(classes);
    }

    @Test
    void onlyTheCatalogTalksSql() {
        DescribedPredicate<JavaClass> outsideCatalog = DescribedPredicate.not(resideInAPackage(ROOT + ".catalog.."));
        noClasses().that(outsideCatalog).should().dependOnClassesThat().resideInAPackage("java.sql..")
                .check(classes);
        noClasses().that(outsideCatalog).should().callMethodWhere(DescribedPredicate.describe(
                        "Catalog.select (SQL text)", call -> call.getTarget().getOwner().isEquivalentTo(Catalog.class)
                                && call.getTarget().getName().equals("select")))
                .check(classes);
    }

    @Test
    void surfacesBuildSearchesOnlyThroughTheRequest() {
        // the rule for turning text and filters into a query is app.SearchRequest's, not a surface's
        noClasses().that().resideInAnyPackage(SURFACES).should().callMethodWhere(DescribedPredicate.describe(
                        "QueryParser.parse (a query built by hand)", call -> call.getTarget().getOwner()
                                .isEquivalentTo(io.alicemultiverse.search.QueryParser.class)
                                && call.getTarget().getName().equals("parse")))
                .check(classes);
    }

    @Test
    void topLevelPackagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    private static String[] concat(String[] a, String b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
