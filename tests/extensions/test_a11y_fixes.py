"""The accessibility rewrites, on the context Sphinx hands to the theme."""

from a11y_fixes import fix_page


def test_adds_aria_level_and_drops_invalid_list_roles():
    context = {
        "furo_navigation_tree": '<p class="caption" role="heading"><span>Part</span></p>',
        "body": '<div role="list" class="citation-list"><div class="citation" id="x" '
                'role="doc-biblioentry">A</div></div><p class="caption" role="heading">T</p>',
    }
    fix_page(None, "page", "page.html", context, None)
    assert context["furo_navigation_tree"] == \
        '<p class="caption" role="heading" aria-level="2"><span>Part</span></p>'
    assert context["body"] == ('<div class="citation-list"><div class="citation" id="x">A</div>'
                               '</div><p class="caption" role="heading" aria-level="2">T</p>')


def test_pages_without_body_or_navigation_are_left_alone():
    context = {"furo_navigation_tree": None, "body": None}
    fix_page(None, "genindex", "genindex.html", context, None)
    assert context == {"furo_navigation_tree": None, "body": None}
