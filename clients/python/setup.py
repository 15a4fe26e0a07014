"""Build hook: marks the generated packages as typed (PEP 561).

protoc writes type stubs (.pyi) next to the generated modules but no py.typed marker, and gen/ is
wiped on every generate, so the markers are added to the build rather than to the source tree.
Everything else is declared in pyproject.toml.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

#: The generated packages that hold modules with stubs; namespace packages carry the marker in
#: their subpackages (PEP 561), so arbiter.v1 and buf.validate rather than arbiter and buf.
GENERATED_TYPED_PACKAGES = ("arbiter/v1", "buf/validate", "inference")


class BuildPyWithTypedMarkers(build_py):
    def run(self) -> None:
        super().run()
        for package in GENERATED_TYPED_PACKAGES:
            (Path(self.build_lib) / package / "py.typed").write_text("")


setup(cmdclass={"build_py": BuildPyWithTypedMarkers})
