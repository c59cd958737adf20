"""Loaders and validators for the handbook's data: bibliography, chapters and claims.

The glossary has its own package (``glossary/``); everything here reuses its
:class:`~glossary.problems.Problem` type and its line-aware YAML loader.
"""
