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

    /**
     * Public top-level types another package of {@code src/main} does not use, and why they stay public: the entry
     * point, an exception that escapes its package, and types the tests of other packages read.
     */
    private static final java.util.Set<String> PUBLIC_FOR_A_REASON = java.util.Set.of(
            ROOT + ".cli.Main", // the jar's entry point
            ROOT + ".catalog.CatalogException", // thrown through every caller of the catalog
            ROOT + ".xmp.Sidecar", // read back by the CLI tests that check what organize and tag wrote
            // used by other packages only through lambdas, generic type arguments or inlined constants, which a
            // class file does not record as a dependency (the compiler refuses them package-private)
            ROOT + ".understand.ProviderSettings", ROOT + ".understand.VisionProvider",
            ROOT + ".search.TextEmbedder", ROOT + ".similar.HashIndex", ROOT + ".xmp.SidecarReader");

    @Test
    void publicTypesAreUsedByAnotherPackage() {
        java.util.List<String> unused = new java.util.ArrayList<>();
        for (JavaClass c : classes) {
            if (!c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
                    || c.isNestedClass() || c.getSimpleName().equals("package-info")
                    || PUBLIC_FOR_A_REASON.contains(c.getName())) {
                continue;
            }
            // a use of a nested type (Embeddings.Batch, PriceTable.Estimate) is a use of its outer type too
            boolean usedElsewhere = classes.stream()
                    .filter(x -> x.equals(c) || x.getName().startsWith(c.getName() + "$"))
                    .flatMap(x -> x.getDirectDependenciesToSelf().stream())
                    .anyMatch(d -> !d.getOriginClass().getPackageName().equals(c.getPackageName()));
            if (!usedElsewhere) {
                unused.add(c.getName());
            }
        }
        org.assertj.core.api.Assertions.assertThat(unused)
                .as("public types no other package uses: make them package-private").isEmpty();
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
