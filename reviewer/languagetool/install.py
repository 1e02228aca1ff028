"""Get a LanguageTool server onto this machine: Maven fetches the jars the shipped pom pins.

An install is complete only once its marker file is written, last; a half-finished one
(killed, out of disk) is redone from scratch by the next `install`. An existing
standalone LanguageTool (the directory language-tool-python's `LTP_JAR_DIR_PATH` names)
is used as it is, without Maven.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reviewer.languagetool.errors import LanguageToolError, unusable_directory
from reviewer.languagetool.home import VERSION, Home

POM = Path(__file__).with_name("pom.xml")
LTP_DIR_VARIABLE = "LTP_JAR_DIR_PATH"
MIN_JAVA = 17
HOW_TO_GET_TOOLS = "apt-get install openjdk-17-jre-headless maven (or any Java 17+ and Maven 3)"
MAVEN_TIMEOUT = 900.0  # seconds; a cold download is ~100 MB


@dataclass(frozen=True)
class Installation:
    """A LanguageTool server that can be started: its class path and where it came from."""

    classpath: str
    version: str | None
    """None when only the running server can tell (some standalone directories)."""
    source: str
    """"maven" for our install, else the environment variable that pointed at it."""
    location: Path


def find_installation(home: Home) -> Installation | None:
    """The standalone directory in `LTP_JAR_DIR_PATH` when set, else our completed install."""
    if ltp_dir := os.environ.get(LTP_DIR_VARIABLE):
        return _standalone(Path(ltp_dir).expanduser())
    return _completed(home)


def _standalone(directory: Path) -> Installation:
    jar = directory / "languagetool-server.jar"
    if not jar.is_file():
        raise LanguageToolError(f"{LTP_DIR_VARIABLE}={directory}: no languagetool-server.jar there")
    return Installation(str(jar), _manifest_version(jar), LTP_DIR_VARIABLE, directory)


def _manifest_version(jar: Path) -> str | None:
    try:
        with zipfile.ZipFile(jar) as archive:
            manifest = archive.read("META-INF/MANIFEST.MF").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    found = re.search(r"^(?:ComponentVersion|Implementation-Version): *(\S+)", manifest, re.MULTILINE)
    return found.group(1) if found else None


def java_executable() -> str | None:
    """`$JAVA_HOME/bin/java` when JAVA_HOME is set, else `java` on the PATH."""
    if java_home := os.environ.get("JAVA_HOME"):
        candidate = Path(java_home) / "bin" / "java"
        if candidate.is_file():
            return str(candidate)
    return shutil.which("java")


def require_java() -> str:
    """The java to run the server with; a one-line error saying how to get one otherwise."""
    java = java_executable()
    if java is None:
        raise LanguageToolError(f"LanguageTool needs Java {MIN_JAVA}+ and none was found: {HOW_TO_GET_TOOLS}")
    try:
        probe = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise LanguageToolError(f"{java} -version failed ({error}): {HOW_TO_GET_TOOLS}") from None
    found = re.search(r'version "(\d+)(?:\.(\d+))?', probe.stderr + probe.stdout)
    major = int(found.group(1)) if found else 0
    if major == 1 and found and found.group(2):  # "1.8.0_392" is Java 8
        major = int(found.group(2))
    if major < MIN_JAVA:
        raise LanguageToolError(
            f"LanguageTool {VERSION} needs Java {MIN_JAVA}+, {java} is Java {major or '?'}: {HOW_TO_GET_TOOLS}"
        )
    return java


def install(home: Home) -> tuple[Installation, bool]:
    """Install LanguageTool under `home` unless that is done already; True when it was just done."""
    done = _completed(home)
    if done:
        return done, False
    require_java()
    maven = shutil.which("mvn")
    if maven is None:
        raise LanguageToolError(f"installing LanguageTool needs Maven (mvn), which was not found: {HOW_TO_GET_TOOLS}")
    try:
        home.version_dir().mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise unusable_directory(home.version_dir(), error) from None
    with _install_lock(home):
        done = _completed(home)  # another process may have finished while we waited
        if done:
            return done, False
        _fetch(home, maven)
    installed = _completed(home)
    assert installed, f"{home.marker()} was just written"
    return installed, True


def _completed(home: Home) -> Installation | None:
    if home.marker().is_file() and home.jars().is_dir():
        return Installation(str(home.jars() / "*"), VERSION, "maven", home.jars())
    return None


@contextmanager
def _install_lock(home: Home) -> Iterator[None]:
    with open(home.version_dir() / ".install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _fetch(home: Home, maven: str) -> None:
    staging = home.version_dir() / f"jars.partial-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    log = home.version_dir() / "install.log"
    command = [
        maven,
        "-B",
        "-q",
        "-ntp",
        "-Dstyle.color=never",
        "-f",
        str(POM),
        "dependency:copy-dependencies",
        f"-Dlt.version={VERSION}",
        f"-Dlt.jars={staging}",
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=MAVEN_TIMEOUT, cwd=home.version_dir())
    except subprocess.TimeoutExpired:
        shutil.rmtree(staging, ignore_errors=True)
        raise LanguageToolError(
            f"Maven did not finish within {MAVEN_TIMEOUT:.0f} s fetching LanguageTool {VERSION}"
        ) from None
    log.write_text(f"$ {' '.join(command)}\n{result.stdout}{result.stderr}", encoding="utf-8")
    server_jar = staging / f"languagetool-server-{VERSION}.jar"
    if result.returncode != 0 or not server_jar.is_file():
        shutil.rmtree(staging, ignore_errors=True)
        raise LanguageToolError(
            f"Maven could not fetch LanguageTool {VERSION}: {_first_error(result)} (full output: {log})"
        )
    shutil.rmtree(home.jars(), ignore_errors=True)
    os.replace(staging, home.jars())
    jars = sorted(p.name for p in home.jars().glob("*.jar"))
    marker = {"version": VERSION, "jars": len(jars), "installed": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    home.marker().write_text(json.dumps(marker) + "\n", encoding="utf-8")


def _first_error(result: subprocess.CompletedProcess[str]) -> str:
    lines = [line.strip() for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("[ERROR]")]
    return (errors or lines or [f"exit status {result.returncode}"])[0]
