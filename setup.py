"""For ``scrapyd-deploy``, which builds the project egg with ``python setup.py bdist_uberegg``.

The package list, package data and the ``scrapy`` entry point (scrapyd finds the settings
module through it) are in pyproject.toml.
"""
from setuptools import setup

setup()
