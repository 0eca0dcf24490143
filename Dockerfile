# syntax=docker/dockerfile:1
# One image per service, from the jar the Maven build made (build them first: ./mvnw -B -DskipTests package):
#   docker build --build-arg SERVICE=gateway -t luxe-drive-hub/gateway:0.1.0 .
# docker-compose.yml builds all five this way. Why a Dockerfile rather than Jib: docs/adr/0011.
#
# The jar is split into Spring Boot's layers (dependencies change rarely, the application on every build), so a new
# build of a service ships only its small last layer. The extracting stage runs on the same base image as the final
# one: one base image to pull, no build tools inside Docker.

# A concrete Temurin release, never a moving tag: bump it deliberately (and rebuild) for JVM security updates.
ARG BASE_IMAGE=eclipse-temurin:17.0.16_8-jre-noble

FROM ${BASE_IMAGE} AS layers
ARG SERVICE
WORKDIR /extract
COPY ${SERVICE}/target/${SERVICE}.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination layers

FROM ${BASE_IMAGE}
ARG BASE_IMAGE
ARG SERVICE
LABEL org.opencontainers.image.title="luxe-drive-hub ${SERVICE}" \
      org.opencontainers.image.vendor="Luxe Drive Hub" \
      org.opencontainers.image.base.name="${BASE_IMAGE}"

# A numeric, unprivileged user (Kubernetes' runAsNonRoot can check a number, not a name). /var/lib/luxe is the only
# place an image may write besides /tmp: docker-compose mounts auth-service's generated dev signing key there.
RUN groupadd --system --gid 10001 luxe \
 && useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin luxe \
 && mkdir -p /var/lib/luxe \
 && chown 10001:10001 /var/lib/luxe

WORKDIR /app
COPY --from=layers /extract/layers/dependencies/ ./
COPY --from=layers /extract/layers/spring-boot-loader/ ./
COPY --from=layers /extract/layers/snapshot-dependencies/ ./
COPY --from=layers /extract/layers/application/ ./

USER 10001:10001

# Heap from the container's memory limit, the rest for metaspace, threads, direct buffers (capped: by default they may
# grow as large as the heap, past the limit, and the kernel kills the pod) and code; an OutOfMemoryError ends the
# process so the orchestrator restarts it instead of leaving it half alive. Two processors whatever the node has: the
# pods have no CPU limit, and a JVM on a 64-core node would size its GC threads, Netty's event loops and Tomcat's pools
# for 64 cores within 1 GiB. Setting JAVA_TOOL_OPTIONS at run time replaces these flags, so repeat them when adding others.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=65 -XX:InitialRAMPercentage=50 -XX:MaxDirectMemorySize=128m -XX:ActiveProcessorCount=2 -XX:+ExitOnOutOfMemoryError"

ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
