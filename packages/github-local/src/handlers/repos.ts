import { fullRepository } from "../payloads/repositories";
import { type Handler, repositoryOf } from "./context";

export const getRepository: Handler = (context) => ({
  status: 200,
  body: fullRepository(repositoryOf(context), context.urls),
});
