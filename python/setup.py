"""`pip install ./python`: builds the doro package with the project's own
CMake build (no second build description): setuptools, from Debian
(python3-setuptools), only drives CMake and copies the extension it made.

PyPI is not needed, but pip's build isolation would fetch setuptools from it,
so on Debian run it as
    pip install --no-build-isolation ./python            (in a venv), or
    pip install --no-build-isolation --break-system-packages ./python
`cmake --install` does the same without pip (README, "Python").
"""

import os
import pathlib
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent  # the repository: pip builds a local directory in place


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build_dir = pathlib.Path(self.build_temp).resolve() / "cmake"
        subprocess.run(["cmake", "-S", str(ROOT), "-B", str(build_dir), "-DCMAKE_BUILD_TYPE=Release",
                        "-DDORO_BUILD_TESTS=OFF", "-DDORO_BUILD_BENCH=OFF", "-DDORO_BUILD_PYTHON=ON",
                        f"-DPython3_EXECUTABLE={sys.executable}"], check=True)
        jobs = str(os.cpu_count() or 1)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "doro_python_native", "-j", jobs],
                       check=True)
        built = next((build_dir / "python" / "doro").glob("_native*.so"))
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built, target)


setup(
    name="doro",
    version="0.1.0",
    description="Messy labels of places in Korea -> official road-name addresses (offline)",
    packages=["doro"],
    ext_modules=[Extension("doro._native", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    python_requires=">=3.9",
    zip_safe=False,
)
